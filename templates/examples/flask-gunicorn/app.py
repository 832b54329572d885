"""A small Flask service: the workshop's demo app for shipshape.

Run it in production with gunicorn:  gunicorn --bind 0.0.0.0:8000 app:app
"""
import os
import socket
import time

from flask import Flask, jsonify

app = Flask(__name__)
STARTED = time.time()


@app.get("/")
def index():
    return jsonify(
        service="flask-gunicorn example",
        message="Hello from a container built by shipshape",
        host=socket.gethostname(),
        version=os.environ.get("APP_VERSION", "dev"),
    )


@app.get("/healthz")
def healthz():
    return jsonify(status="ok", uptime_seconds=round(time.time() - STARTED, 1))


@app.get("/items/<int:item_id>")
def item(item_id):
    if item_id < 1:
        return jsonify(error="item ids start at 1"), 404
    return jsonify(id=item_id, name=f"item {item_id}")
