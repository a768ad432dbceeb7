"""Campaign pages: the director and the curator run them; the psychologist sees a campaign's
page (its settings and response rate, no per-person lists) only when it is shared with her."""

from surveys.services.campaigns import campaign_launch
from tests.surveys.factories import make_campaign, make_questionnaire
from tests.test_url_permissions import Case, expect

MANAGERS = expect(default=403, director=200, curator=200, outsider=404)
MANAGERS_POST = expect(default=403, director=302, curator=302, outsider=404)
SHARED = expect(default=403, director=200, curator=200, psychologist=200, outsider=404)


def _campaign(o, *, launched: bool = False, **fields):
    campaign = make_campaign(make_questionnaire(o["school"]), **fields)
    campaign.people.set([o["person"]])
    if launched:
        campaign_launch(campaign=campaign, actor=o["users"]["curator"])
    return campaign


def _pk(**fields):
    return lambda o: {"pk": _campaign(o, **fields).pk}


CASES: list = [
    Case("campaign_list", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("campaign_list", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}, query="?q=x"),
    Case("campaign_create", MANAGERS, kwargs=lambda o: {"org": o["school"].pk}),
    Case("campaign_detail", MANAGERS, kwargs=_pk()),
    Case("campaign_detail", SHARED, kwargs=_pk(shared_with_psychologist=True), query="?s=1"),
    Case("campaign_rate", MANAGERS, kwargs=_pk(launched=True)),
    Case("campaign_rate", SHARED, kwargs=_pk(launched=True, shared_with_psychologist=True)),
    Case("campaign_edit", MANAGERS, kwargs=_pk()),
    Case("campaign_launch", MANAGERS, kwargs=_pk()),
    Case("campaign_launch", MANAGERS_POST, kwargs=_pk(), method="post"),
    Case("campaign_remind", MANAGERS_POST, kwargs=_pk(launched=True), method="post"),
    Case("campaign_close", MANAGERS, kwargs=_pk(launched=True)),
    Case("campaign_close", MANAGERS_POST, kwargs=_pk(launched=True), method="post"),
    Case("campaign_links", MANAGERS, kwargs=_pk(launched=True)),
    Case("campaign_links", MANAGERS, kwargs=_pk(launched=True), method="post"),
]
