"""Generate a deterministic project tree for bench/detect.

usage: python3 bench/detect-tree.py DIR [NFILES]

The tree looks like a big real project: a uv-managed FastAPI service in a src
layout with many packages, tests, docs, static assets, locale files, Django-
style migrations, plus the directories detection must skip (node_modules,
.git, .venv). The same NFILES gives the same bytes on every run.
"""
import os
import random
import sys

root = sys.argv[1]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
rng = random.Random(20261204)
count = 0


def write(rel, text):
    global count
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path) or root, exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    count += 1


def module(pkg, name, i):
    lines = ['"""%s.%s: generated module %d."""' % (pkg, name, i),
             "import json", "import logging", "from dataclasses import dataclass", "",
             "from bigapp.core import settings", "",
             "log = logging.getLogger(__name__)", ""]
    for k in range(rng.randint(3, 8)):
        lines += ["", "@dataclass", "class Model%d:" % k, "    id: int", "    name: str = %r" % name, "",
                  "    def to_json(self):", "        return json.dumps({'id': self.id, 'name': self.name})", ""]
    for k in range(rng.randint(2, 6)):
        lines += ["", "def handler_%d(payload):" % k, "    '''Handle %s payloads.'''" % name,
                  "    log.info('handling %s', payload)", "    return {'ok': True, 'n': %d}" % k]
    return "\n".join(lines) + "\n"


fixed = {
    ".python-version": "3.12.6\n",
    "pyproject.toml": '[project]\nname = "bigapp"\nversion = "1.0.0"\nrequires-python = ">=3.12"\n'
                      'dependencies = ["fastapi>=0.111", "uvicorn>=0.30", "psycopg2>=2.9", "lxml>=5"]\n\n'
                      '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
    "uv.lock": "version = 1\nrequires-python = \">=3.12\"\n",
    "Procfile": "web: uvicorn bigapp.main:app --host 0.0.0.0 --port 8080\n",
    "README.md": "# bigapp\n",
    "Dockerfile": "FROM python:3.12-slim\nEXPOSE 8080\n",
    ".dockerignore": ".git\n.venv\n",
    "compose.yaml": "services:\n  web:\n    build: .\n    ports:\n      - \"8080:8080\"\n",
    ".github/workflows/ci.yml": "name: ci\non: push\njobs: {}\n",
    "src/bigapp/__init__.py": "",
    "src/bigapp/core/__init__.py": "settings = {}\n",
    "src/bigapp/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get(\"/healthz\")\ndef healthz():\n    return {}\n",
}
for rel, text in fixed.items():
    write(rel, text)

# shares of the rest: (weight, kind)
plan = [(0.40, "py"), (0.12, "test"), (0.08, "doc"), (0.12, "static"), (0.12, "node"),
        (0.06, "git"), (0.04, "mig"), (0.03, "locale"), (0.03, "venv")]
left = total - count
budget = {kind: int(left * w) for w, kind in plan}
budget["py"] += left - sum(budget.values())

for i in range(budget["py"]):
    pkg = "pkg%02d" % (i % 60)
    name = "mod%03d" % (i // 60)
    if i < 60:
        write("src/bigapp/%s/__init__.py" % pkg, "")
        continue
    write("src/bigapp/%s/%s.py" % (pkg, name), module(pkg, name, i))
for i in range(budget["test"]):
    write("tests/pkg%02d/test_%04d.py" % (i % 40, i),
          "from fastapi import FastAPI\n\napp = FastAPI()\n\n\ndef test_%d():\n    assert app\n" % i)
for i in range(budget["doc"]):
    write("docs/section%02d/page%04d.md" % (i % 20, i), "# Page %d\n\n%s\n" % (i, "lorem ipsum " * 40))
for i in range(budget["static"]):
    ext = ["js", "css", "svg", "png"][i % 4]
    write("static/%s/asset%04d.%s" % (ext, i, ext), "/* asset %d */\n" % i + "x" * rng.randint(100, 2000))
for i in range(budget["node"]):
    write("node_modules/lib%03d/index%03d.js" % (i % 100, i), "module.exports = %d;\n" % i)
for i in range(budget["git"]):
    write(".git/objects/%02x/%038x" % (i % 256, i), "blob %d\n" % i)
for i in range(budget["mig"]):
    write("src/bigapp/migrations/%04d_auto.py" % i, "from alembic import op\n\n\ndef upgrade():\n    pass\n")
for i in range(budget["locale"]):
    write("locale/lang%02d/LC_MESSAGES/part%03d.po" % (i % 30, i), 'msgid "x%d"\nmsgstr "y"\n' % i)
for i in range(budget["venv"]):
    write(".venv/lib/python3.12/site-packages/dep%03d/__init__.py" % i, "from flask import Flask\napp = Flask(__name__)\n")
print(count)
