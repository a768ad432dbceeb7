"""Respondents of the surveys benchmark, for locust (started by bench/surveys.py):

    SURVEYS_RESPONDENTS=/tmp/…/respondents.jsonl SURVEYS_STATS=/tmp/…/submit.json \
        locust -f bench/locust_surveys.py --headless -u 1000 -r 200 --run-time 5m \
        --host http://127.0.0.1:8106

Each simulated respondent takes the next line of the file — its personal link and the POSTs to
send, each with its form fields as the fill page posts them (every answer with action=submit in
one request, or a section at a time with action=next and the last with action=submit) — GETs the
link (the CSRF cookie and the form's token), sends its POSTs in turn and, when the line says so,
sends the submission again as a retried request would. Each link is used by one respondent once;
the run stops when every respondent is done.
"""

import json
import os
import re
from itertools import count
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM = {"Content-Type": "application/x-www-form-urlencoded"}

with open(os.environ["SURVEYS_RESPONDENTS"], encoding="utf-8") as lines:
    RESPONDENTS = [json.loads(line) for line in lines if line.strip()]
_next = count()
_done = count(1)


def _refused(response, action: str) -> str | None:
    """Why the answer to a POST counts as a failure, or None. The fill page answers a step it
    took with a redirect: to the next section, or after a submission to «?sent=1»."""
    if response.status_code not in (301, 302, 303):
        return f"HTTP {response.status_code}"
    if action == "submit" and "sent=1" not in (response.headers.get("Location") or ""):
        return "submission refused (redirected back to the form)"
    return None


class Respondent(FastHttpUser):
    wait_time = constant(0)
    # Under the full load a request waits in gunicorn's queue for many seconds: a timeout would
    # count it as lost while the server still saves it.
    network_timeout = 600.0
    connection_timeout = 600.0

    @task
    def answer(self) -> None:
        number = next(_next)
        if number >= len(RESPONDENTS):
            raise StopUser
        respondent = RESPONDENTS[number]
        try:
            self._answer(respondent)
        finally:
            if next(_done) == len(RESPONDENTS):
                # Every respondent has finished: stop the run (from another greenlet, since
                # quitting stops this one too).
                gevent.spawn_later(0.1, self.environment.runner.quit)
        raise StopUser

    def _answer(self, respondent: dict) -> None:
        page = self.client.get(respondent["path"], name="GET form")
        found = CSRF.search(page.text or "")
        if page.status_code != 200 or not found:
            return
        csrf = ("csrfmiddlewaretoken", found.group(1))
        steps = respondent["steps"]
        if respondent["retry"]:
            steps = [*steps, {**steps[-1], "name": "POST retry"}]
        for step in steps:
            body = [csrf, *step["fields"], ("action", step["action"])]
            if step.get("section"):
                body.append(("section", str(step["section"])))
            with self.client.post(
                respondent["path"],
                data=urlencode(body),
                headers=FORM,
                name=step.get("name", f"POST {step['action']}"),
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if reason := _refused(response, step["action"]):
                    response.failure(reason)
                    return
                response.success()


def _figures(entry) -> dict:
    return {
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "median_ms": entry.median_response_time,
        "p95_ms": entry.get_response_time_percentile(0.95),
        "max_ms": round(entry.max_response_time or 0),
        "rps": round(entry.total_rps, 1),
    }


@events.quitting.add_listener
def _report(environment, **_kwargs) -> None:
    # The figures once every request is in (the CSV files are written every second and may miss
    # the last one), for bench/surveys.py to read.
    stats = environment.stats
    figures = {entry.name: _figures(entry) for entry in stats.entries.values()}
    figures["Aggregated"] = _figures(stats.total)
    with open(os.environ["SURVEYS_STATS"], "w", encoding="utf-8") as out:
        json.dump(figures, out, indent=2)
    # The run is judged by the database afterwards; a failed request is a figure, not an error.
    environment.process_exit_code = 0
