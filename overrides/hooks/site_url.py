"""Replace the ``{{ site_url }}`` token with the configured site URL (ending in ``/``).

Used where a page must show absolute links, e.g. the vacancy templates recruiters copy into job
sites. The token follows ``SITE_URL`` on deploy instead of hard-coding one domain.
"""

TOKEN = "{{ site_url }}"


def on_page_markdown(markdown, page, config, files):
    if TOKEN not in markdown:
        return markdown
    root = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
    return markdown.replace(TOKEN, root)
