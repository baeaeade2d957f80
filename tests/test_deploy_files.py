"""The publishing recipes as files: the GitHub Pages workflow, the container and its compose example.

Docker is not available where the tests run, so the Dockerfile is read, not built; its nginx
configuration is started for real in test_deploy_nginx.py.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from mkdocs.config import load_config

from .support import REPO

WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"
DEPLOY = REPO / "docs" / "deploy"


def workflow() -> dict[Any, Any]:
    """The workflow as PyYAML reads it: YAML 1.1, so the key `on` is the boolean true."""
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def steps_of(job: dict[str, Any]) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = job["steps"]
    return steps


def test_the_publish_workflow_builds_strictly_on_every_push_to_main() -> None:
    data = workflow()
    triggers = data["on"] if "on" in data else data[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]}
    build = data["jobs"]["build"]
    runs = [step.get("run", "") for step in steps_of(build)]
    assert any(re.search(r"\bmkdocs build --strict --site-dir site\b", run) for run in runs), runs
    upload = [
        step for step in steps_of(build) if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@")
    ]
    assert len(upload) == 1 and upload[0]["with"]["path"] == "site"


def test_the_publish_workflow_deploys_with_the_official_pages_action_and_only_its_permissions() -> None:
    data = workflow()
    assert data["permissions"] == {"contents": "read"}  # the build may read the repository, nothing more
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    uses = [str(step.get("uses", "")) for step in steps_of(deploy)]
    assert len(uses) == 1 and re.fullmatch(r"actions/deploy-pages@v\d+", uses[0]), uses
    every_action = [str(step.get("uses")) for job in data["jobs"].values() for step in steps_of(job) if "uses" in step]
    assert all(action.startswith("actions/") for action in every_action), every_action  # GitHub's own only


def test_nothing_is_published_until_someone_says_who_may_read_it() -> None:
    data = workflow()
    assert data["jobs"]["deploy"]["if"] == "vars.PLAYBOOK_PAGES == 'private' || vars.PLAYBOOK_PAGES == 'public'"
    text = WORKFLOW.read_text(encoding="utf-8")
    head = text.split("\nname:", 1)[0]
    assert "PUBLIC TO THE WORLD" in head and "PRIVATE REPOSITORY TOO" in head
    assert "PRIVATE: only on GitHub Enterprise Cloud" in head


def test_the_compose_example_puts_the_login_in_front_and_gives_the_playbook_no_port() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    playbook, login = compose["services"]["playbook"], compose["services"]["login"]
    assert "ports" not in playbook  # reachable only through the login
    assert playbook["build"] == {"context": "../..", "dockerfile": "docs/deploy/Dockerfile"}
    assert playbook["read_only"] is True
    assert "--upstream=http://playbook:8080/" in login["command"]
    assert login["image"].startswith("quay.io/oauth2-proxy/oauth2-proxy:v")
    assert all(port.startswith("127.0.0.1:") for port in login["ports"])
    example = (DEPLOY / "playbook.env.example").read_text(encoding="utf-8")
    settings = dict(line.split("=", 1) for line in example.splitlines() if line and not line.startswith("#"))
    assert settings["OAUTH2_PROXY_CLIENT_SECRET"] == "" and settings["OAUTH2_PROXY_COOKIE_SECRET"] == ""
    assert "docs/deploy/playbook.env" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_dockerfile_builds_strictly_and_serves_with_the_shipped_nginx_configuration_unprivileged() -> None:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    instructions = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert "RUN mkdocs build --strict --site-dir /site" in instructions
    assert "COPY docs/deploy/nginx.conf /etc/nginx/nginx.conf" in instructions
    assert "FROM nginxinc/nginx-unprivileged:stable-alpine" in instructions
    assert instructions.index("USER 101") > instructions.index("FROM nginxinc/nginx-unprivileged:stable-alpine")
    assert "-p /tmp/nginx/ -c /etc/nginx/nginx.conf" in instructions[-1]
    # Everything it copies exists: the build context is the repository's top folder.
    for line in instructions:
        match = re.fullmatch(r"COPY (?!--from)(.+) (\S+)", line)
        for source in match.group(1).split() if match else []:
            assert (REPO / source).exists(), source


def test_the_deploy_folder_is_no_part_of_the_published_site() -> None:
    config = load_config(str(REPO / "mkdocs.yml"))
    exclude = config["exclude_docs"]
    for name in ("deploy/Dockerfile", "deploy/nginx.conf", "deploy/compose.yaml", "deploy/playbook.env.example"):
        assert exclude.match_file(name), name
    assert not exclude.match_file("index.md")
