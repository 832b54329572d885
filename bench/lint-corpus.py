#!/usr/bin/env python3
"""Write a deterministic corpus of realistic Python-app Dockerfiles for bench/lint.

    lint-corpus.py OUTDIR [COUNT]      (default COUNT 300)

Each file combines choices the way real projects do: a base image (official
python tags of several shapes, Alpine, Debian, conda images), a dependency
manager (pip, pip-tools, Poetry, Pipenv, uv, conda), apt or apk steps, one or
two stages, comments and continuation lines, the odd heredoc, a server
(gunicorn, uvicorn, Django, Celery, a plain worker) and its CMD in exec or
shell form, plus good and bad habits (USER, HEALTHCHECK, labels, cd in RUN,
ADD, MAINTAINER, pins). The same seed always gives the same files. Prints the
number of files and bytes written.
"""
import os
import random
import sys

PY = ["3.9", "3.10", "3.11", "3.12", "3.13"]
DEBIAN = ["bookworm", "bullseye"]
APT_BUILD = ["gcc", "build-essential", "libpq-dev", "libffi-dev", "libssl-dev", "libxml2-dev",
             "pkg-config", "git", "default-libmysqlclient-dev"]
APT_RUN = ["libpq5", "curl", "ca-certificates", "libxml2", "tini", "netcat-openbsd", "gettext"]
PKGS = ["flask", "requests", "gunicorn", "uvicorn", "django", "celery", "redis", "psycopg2-binary",
        "sqlalchemy", "pydantic", "boto3", "numpy", "pandas"]


def base_image(r, final=False):
    kind = r.random()
    v = r.choice(PY)
    if kind < 0.55:
        tag = r.choice([f"{v}-slim", f"{v}-slim-{r.choice(DEBIAN)}", f"{v}", f"{v}-{r.choice(DEBIAN)}",
                        f"{v}.{r.randint(0, 9)}-slim-{r.choice(DEBIAN)}"])
        return "python:" + tag
    if kind < 0.65:
        return r.choice(["python:latest", "python", "python:3-slim", f"docker.io/library/python:{v}-slim"])
    if kind < 0.75:
        return f"python:{v}-alpine" + r.choice(["", "3.19", "3.20"])
    if kind < 0.85 and not final:
        return r.choice(["continuumio/miniconda3:24.7.1-0", "mambaorg/micromamba:1.5.8",
                         "condaforge/miniforge3:24.3.0-0", "continuumio/miniconda3"])
    return r.choice(["debian:bookworm-slim", "ubuntu:22.04", f"python:{v}-slim-bookworm"])


def apt_block(r, pkgs, good):
    lines = []
    if "alpine" in good.get("base", ""):
        lines.append("RUN apk add --no-cache " + " ".join(pkgs))
        return lines
    inst = "apt-get install -y" + (" --no-install-recommends" if r.random() < 0.6 else "")
    if r.random() < 0.5:
        lines.append("RUN apt-get update \\")
        if r.random() < 0.4:
            lines.append(" && apt-get -y upgrade \\")
        lines.append(f" && {inst} \\")
        for p in pkgs:
            lines.append(f"    {p} \\")
        if r.random() < 0.7:
            lines.append(" && rm -rf /var/lib/apt/lists/*")
        else:
            lines.append(" && apt-get clean")
    else:
        lines.append("RUN apt-get update")
        lines.append(f"RUN {inst} " + " ".join(pkgs))
        if r.random() < 0.5:
            lines.append("RUN rm -rf /var/lib/apt/lists/*")
    return lines


def install(r, dm, cache):
    mount = "--mount=type=cache,target=/root/.cache/pip " if cache else ""
    nc = "" if cache or r.random() < 0.3 else "--no-cache-dir "
    if dm == "pip":
        if r.random() < 0.2:
            return ["COPY . .", f"RUN pip install {nc}" + " ".join(r.sample(PKGS, 3))]
        return ["COPY requirements.txt .", f"RUN {mount}pip install {nc}-r requirements.txt"]
    if dm == "pip-tools":
        return ["COPY requirements.txt .",
                f"RUN {mount}pip install {nc}--no-deps --require-hashes -r requirements.txt"]
    if dm == "poetry":
        pin = "==1.8.3" if r.random() < 0.6 else ""
        return [f'RUN pip install {nc}"poetry{pin}"', "ENV POETRY_VIRTUALENVS_CREATE=false",
                "COPY pyproject.toml poetry.lock ./",
                "RUN poetry install " + r.choice(["--only main --no-root", "--no-root", "", "--without dev"])]
    if dm == "pipenv":
        return [f"RUN pip install {nc}pipenv", "COPY Pipfile Pipfile.lock ./",
                "RUN pipenv install --system " + r.choice(["--deploy", "--dev", ""])]
    if dm == "uv":
        return ["COPY --from=ghcr.io/astral-sh/uv:" + r.choice(["0.6.16", "latest"]) + " /uv /bin/uv",
                "ENV UV_LINK_MODE=copy UV_COMPILE_BYTECODE=1",
                "RUN --mount=type=cache,target=/root/.cache/uv \\",
                "    --mount=type=bind,source=uv.lock,target=uv.lock \\",
                "    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\",
                "    uv sync " + r.choice(["--locked --no-install-project --no-dev", "--frozen", ""]),
                "ENV PATH=\"/app/.venv/bin:$PATH\""]
    return ["COPY environment.yml .", "RUN conda env create -n app -f environment.yml && conda clean -afy",
            'ENV PATH="/opt/conda/envs/app/bin:$PATH"']


def command(r):
    kind = r.choice(["gunicorn", "uvicorn", "django", "celery", "worker", "flask"])
    port = r.choice([8000, 8080, 5000, 80])
    if kind == "gunicorn":
        argv = ["gunicorn", "--bind", f"0.0.0.0:{port}", "--workers", str(r.randint(1, 8))]
        if r.random() < 0.5:
            argv += ["--threads", "4", "--access-logfile", "-", "--worker-tmp-dir", "/dev/shm"]
        argv.append("app:app")
    elif kind == "uvicorn":
        argv = ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", str(port)]
        if r.random() < 0.2:
            argv.append("--reload")
    elif kind == "django":
        argv = r.choice([["python", "manage.py", "runserver", f"0.0.0.0:{port}"],
                         ["gunicorn", "mysite.wsgi:application", "-b", f"0.0.0.0:{port}"]])
    elif kind == "celery":
        argv = ["celery", "-A", "proj", "worker", "--loglevel", "INFO"]
        port = None
    elif kind == "flask":
        argv = ["flask", "run", "--host=0.0.0.0", f"--port={port}"]
    else:
        argv = ["python", "-m", r.choice(["jobs.worker", "consumer", "scheduler"])]
        port = None
    if r.random() < 0.7:
        cmd = "CMD [" + ", ".join(f'"{a}"' for a in argv) + "]"
    else:
        cmd = "CMD " + " ".join(argv)
    return cmd, port


def dockerfile(r, i):
    dm = r.choice(["pip", "pip", "pip-tools", "poetry", "pipenv", "uv", "conda"])
    out = []
    if r.random() < 0.4:
        out.append("# syntax=docker/dockerfile:1")
    out.append(f"# Dockerfile for service-{i:03d}")
    if r.random() < 0.3:
        out.append(f"ARG PYTHON_VERSION={r.choice(PY)}")
    multi = r.random() < 0.4
    good = {}
    base = base_image(r) if dm != "conda" else r.choice(["continuumio/miniconda3:24.7.1-0",
                                                          "condaforge/miniforge3:24.3.0-0"])
    good["base"] = base
    if multi:
        out.append(f"FROM {base} AS builder")
        out += apt_block(r, r.sample(APT_BUILD, r.randint(1, 3)), good)
        out.append("WORKDIR /app")
        if dm != "conda":
            out.append("ENV VIRTUAL_ENV=/opt/venv")
            out.append("RUN python -m venv $VIRTUAL_ENV")
            out.append('ENV PATH="$VIRTUAL_ENV/bin:$PATH"')
        out += install(r, dm, r.random() < 0.5)
        out.append("")
        final = base_image(r, final=True) if dm != "conda" else "debian:bookworm-slim"
        good["base"] = final
        out.append(f"FROM {final}" + (" AS runtime" if r.random() < 0.5 else ""))
    else:
        out.append(f"FROM {base}")
        if r.random() < 0.15:
            out.append("MAINTAINER ops <ops@example.com>")
    if r.random() < 0.7:
        out += apt_block(r, r.sample(APT_RUN, r.randint(1, 3)), good)
    if r.random() < 0.6:
        out.append("RUN useradd --create-home --uid 10001 app")
    envs = [e for e in ["PYTHONDONTWRITEBYTECODE=1", "PYTHONUNBUFFERED=1", "PYTHONFAULTHANDLER=1"]
            if r.random() < 0.6]
    if envs:
        if r.random() < 0.5:
            out.append("ENV " + " \\\n    ".join(envs))
        else:
            out += ["ENV " + e for e in envs]
    workdir = r.choice(["/app", "/srv/app", "/usr/src/app", "app"])
    out.append(f"WORKDIR {workdir}")
    if multi:
        if dm == "conda":
            out.append("COPY --from=builder /opt/conda/envs/app /opt/conda/envs/app")
            out.append('ENV PATH="/opt/conda/envs/app/bin:$PATH"')
        else:
            out.append("COPY --from=builder /opt/venv /opt/venv")
            out.append('ENV PATH="/opt/venv/bin:$PATH"')
    else:
        if r.random() < 0.15:
            out.append("RUN cd /tmp && pip download --no-deps -d /tmp/wheels pip")
        out += install(r, dm, r.random() < 0.3)
    if r.random() < 0.1:
        out.append("ADD . .")
    else:
        out.append("COPY " + ("--chown=app:app " if r.random() < 0.2 else "") + ". .")
    if r.random() < 0.3:
        out.append("RUN python -m compileall -q .")
    if r.random() < 0.15:
        out.append("RUN <<EOF")
        out.append("set -e")
        out.append("python -c 'import app' && echo ok | tee /tmp/import-check")
        out.append("EOF")
    if r.random() < 0.4:
        out.append("ARG GIT_SHA=unknown")
        out.append("LABEL org.opencontainers.image.revision=$GIT_SHA \\")
        out.append('      org.opencontainers.image.source="https://example.com/repo"')
        out.append("ENV APP_VERSION=$GIT_SHA")
    if r.random() < 0.6:
        out.append("USER " + r.choice(["app", "10001", "10001:10001", "root", "nobody"]))
    cmd, port = command(r)
    if port:
        out.append(f"EXPOSE {port}")
        if r.random() < 0.5:
            out.append("HEALTHCHECK --interval=30s --timeout=3s \\")
            out.append(f"  CMD curl -fsS http://localhost:{port}/health || exit 1")
    if r.random() < 0.2:
        out.append('ENTRYPOINT ["tini", "--"]')
    out.append(cmd)
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: lint-corpus.py OUTDIR [COUNT]")
    outdir = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    os.makedirs(outdir, exist_ok=True)
    r = random.Random(20261204)
    total = 0
    for i in range(count):
        text = dockerfile(r, i)
        with open(os.path.join(outdir, f"Dockerfile.{i:03d}"), "w") as f:
            f.write(text)
        total += len(text.encode())
    print(f"{count} {total}")


if __name__ == "__main__":
    main()
