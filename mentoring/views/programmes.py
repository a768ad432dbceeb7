# Placeholder until the module is written.


def programme_edit(request, **kwargs):
    raise NotImplementedError


def programme_pdf(request, **kwargs):
    raise NotImplementedError


def programme_item_done(request, **kwargs):
    raise NotImplementedError
