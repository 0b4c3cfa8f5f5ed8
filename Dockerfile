# The handbook as a container: build the site, then serve it with deploy/nginx.conf exactly the way
# tests/test_nginx.py runs it (Debian bookworm's nginx, unprivileged, from a prefix folder).
#   docker build --build-arg SITE_URL=https://handbook.example.org/ -t handbook .
#   docker run --rm -p 8080:8080 handbook          # http://localhost:8080/ and /en/
# SITE_URL must be the root of the public host: the 404 pages link to absolute /assets/ paths.

FROM python:3.11-slim-bookworm AS build
# git: the footer's "last updated" dates come from the history (.git is in the build context).
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends git \
    && rm -rf /var/lib/apt/lists/* && git config --global --add safe.directory /src
WORKDIR /src
COPY requirements.txt ./
RUN pip install --no-cache-dir --disable-pip-version-check --require-hashes -r requirements.txt
COPY . .
# The hooks import the project's package (scripts/handbook), installed like `make` does.
RUN pip install --no-cache-dir --disable-pip-version-check --no-deps -e .
ARG SITE_URL=https://handbook.example.org/
ENV SITE_URL=${SITE_URL} NO_MKDOCS_2_WARNING=1
# The same two steps as the test: a strict build, then the prefix with the CSP and redirects
# generated from that build (scripts/make_csp.py, called by serve_nginx.py --prepare).
RUN mkdocs build --strict -d /srv/handbook/site \
    && python scripts/serve_nginx.py --site /srv/handbook/site --prepare /srv/handbook --listen 8080

FROM debian:bookworm-slim
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends nginx \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /srv/handbook /srv/handbook
# Logs to the container's output; logs/ and tmp/ writable by the unprivileged server.
RUN ln -sf /dev/stdout /srv/handbook/logs/access.log \
    && ln -sf /dev/stderr /srv/handbook/logs/error.log \
    && chown -R www-data:www-data /srv/handbook/logs /srv/handbook/tmp
USER www-data
EXPOSE 8080
STOPSIGNAL SIGQUIT
CMD ["nginx", "-p", "/srv/handbook/", "-c", "/srv/handbook/nginx.conf", "-e", "/srv/handbook/logs/error.log", "-g", "daemon off;"]
