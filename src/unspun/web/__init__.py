"""The web pages of ``unspun serve``: server-rendered HTML, every article text escaped.

Templates (Jinja2, autoescaped) live in ``templates/``, the one stylesheet and script in
``static/``; no page loads anything from another host.
"""
