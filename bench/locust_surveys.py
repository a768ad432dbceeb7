"""Respondents of the surveys benchmark, for locust (started by bench/surveys.py):

    SURVEYS_RESPONDENTS=/tmp/…/respondents.jsonl locust -f bench/locust_surveys.py --headless \
        -u 1000 -r 200 --run-time 5m --host http://127.0.0.1:8106 --csv /tmp/…/submit

Each simulated respondent takes the next line of the file — its personal link and the form fields
of all its answers, as the fill page posts them — GETs the link (the CSRF cookie and the form's
token), POSTs every answer with action=submit in one request and, when the line says so, POSTs the
same again as a retried request would. Each link is used by one respondent once; the run stops
when every respondent is done.
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
# A form sent back with a field marked invalid: the submission was refused.
INVALID = "is-invalid"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}

with open(os.environ["SURVEYS_RESPONDENTS"], encoding="utf-8") as lines:
    RESPONDENTS = [json.loads(line) for line in lines if line.strip()]
_next = count()
_done = count(1)


def _refused(response) -> str | None:
    """Why a submission's answer counts as a failure, or None."""
    if response.status_code in (301, 302, 303):
        return None
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    if INVALID in (response.text or ""):
        return "the form came back with errors"
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
        body = urlencode(
            [("csrfmiddlewaretoken", found.group(1)), *respondent["fields"], ("action", "submit")]
        )
        for name in ("POST submit", "POST retry")[: 2 if respondent["retry"] else 1]:
            with self.client.post(
                respondent["path"],
                data=body,
                headers=FORM,
                name=name,
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if reason := _refused(response):
                    response.failure(reason)
                else:
                    response.success()


@events.quitting.add_listener
def _report(environment, **_kwargs) -> None:
    # The run is judged by the database afterwards; a failed request is a figure, not an error.
    environment.process_exit_code = 0
