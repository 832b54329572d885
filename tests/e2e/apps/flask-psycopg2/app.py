"""A small Flask service that uses psycopg2: shipshape's second e2e app.

psycopg2 links libpq, so the image needs gcc and libpq-dev to build it from
source and libpq5 at run time. The service starts without a database: `/`
reports the libpq version psycopg2 was built against, `/healthz` says ok,
and `/db` tries DATABASE_URL only when asked.

Run it in production with gunicorn:  gunicorn --bind 0.0.0.0:8000 app:app
"""
import os
import time

import psycopg2
from flask import Flask, jsonify

app = Flask(__name__)
STARTED = time.time()


@app.get("/")
def index():
    return jsonify(
        service="flask-psycopg2 example",
        psycopg2_version=psycopg2.__version__,
        libpq_version=psycopg2.__libpq_version__,
        database_configured=bool(os.environ.get("DATABASE_URL")),
    )


@app.get("/healthz")
def healthz():
    return jsonify(status="ok", uptime_seconds=round(time.time() - STARTED, 1))


@app.get("/db")
def db():
    url = os.environ.get("DATABASE_URL")
    if not url:
        return jsonify(error="DATABASE_URL is not set"), 503
    try:
        with psycopg2.connect(url, connect_timeout=3) as conn:
            with conn.cursor() as cur:
                cur.execute("SELECT version()")
                (version,) = cur.fetchone()
    except psycopg2.Error as exc:
        return jsonify(error=str(exc).strip()), 503
    return jsonify(server_version=version)
