# Placeholder until the module is written.


def meeting_list(request, **kwargs):
    raise NotImplementedError


def meetings_plan(request, **kwargs):
    raise NotImplementedError


def meeting_log(request, **kwargs):
    raise NotImplementedError


def meeting_feedback(request, **kwargs):
    raise NotImplementedError


def my_mentoring(request, **kwargs):
    raise NotImplementedError
