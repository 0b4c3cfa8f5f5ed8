"""Replace the ``{{ site_url }}`` token with the configured site URL (ending in ``/``).

Used where a page must show absolute links, e.g. the vacancy templates recruiters copy into job
sites. The token follows ``SITE_URL`` on deploy instead of hard-coding one domain.
"""

from handbook import site

TOKEN = "{{ site_url }}"


def on_page_markdown(markdown, page, config, files):
    if TOKEN not in markdown:
        return markdown
    return markdown.replace(TOKEN, site.root_url(config))
