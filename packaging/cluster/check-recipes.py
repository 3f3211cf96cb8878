#!/usr/bin/env python3
"""Static checks of the cluster recipes (no cluster here to dry-run against).

Kubernetes manifests are parsed as YAML (PyYAML) and checked for the fields the API server
requires of their kind -- batch/v1 Job (Indexed for sharded prediction) and the Kubeflow
kubeflow.org/v1 PyTorchJob -- plus what EmoScope's commands need (shards = completions, the
container named "pytorch", --distributed, mounted volumes declared). The Dockerfile and the
Slurm scripts are checked for their essentials; tests also run `bash -n` on the scripts.

usage: check-recipes.py [FILE...]   (default: every recipe in this folder); exit 1 on a problem.
"""
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("check-recipes.py needs PyYAML (Debian: apt-get install python3-yaml)")

DNS1123 = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
problems = []


def need(cond, where, what):
    if not cond:
        problems.append(f"{where}: {what}")
    return cond


def check_pod_spec(spec, where, container_name=None):
    if not need(isinstance(spec, dict), where, "template.spec must be a mapping"):
        return []
    containers = spec.get("containers")
    if not need(isinstance(containers, list) and containers, where, "spec.containers must be a non-empty list"):
        return []
    declared = {v.get("name") for v in spec.get("volumes", []) if isinstance(v, dict)}
    for c in containers:
        cw = f"{where}: container {c.get('name')!r}"
        need(isinstance(c.get("name"), str) and DNS1123.match(c["name"]), cw, "needs a DNS-1123 name")
        need(isinstance(c.get("image"), str) and c["image"], cw, "needs an image")
        for key in ("command", "args"):
            if key in c:
                need(isinstance(c[key], list) and all(isinstance(a, str) for a in c[key]), cw, f"{key} must be a list of strings")
        for e in c.get("env", []):
            need(isinstance(e.get("name"), str) and isinstance(e.get("value", ""), str), cw, f"env {e} needs a name and a string value")
        for m in c.get("volumeMounts", []):
            need(m.get("name") in declared, cw, f"mounts volume {m.get('name')!r}, which spec.volumes does not declare")
            need(str(m.get("mountPath", "")).startswith("/"), cw, "mountPath must be absolute")
    if container_name:
        need(any(c.get("name") == container_name for c in containers), where,
             f"the operator injects its environment only into a container named {container_name!r}")
    return containers


def command_line(container):
    return " ".join(container.get("command", []) + container.get("args", []))


def check_metadata(doc, where):
    name = (doc.get("metadata") or {}).get("name")
    need(isinstance(name, str) and DNS1123.match(name) and len(name) <= 63, where, "metadata.name must be a DNS-1123 label")


def check_job(doc, where):
    need(doc.get("apiVersion") == "batch/v1", where, "a Job is apiVersion batch/v1")
    spec = doc.get("spec") or {}
    template = spec.get("template") or {}
    pod = template.get("spec") or {}
    need(pod.get("restartPolicy") in ("Never", "OnFailure"), where, "a Job's pods need restartPolicy Never or OnFailure")
    containers = check_pod_spec(pod, where)
    if spec.get("completionMode") == "Indexed":
        completions = spec.get("completions")
        if need(isinstance(completions, int) and completions >= 1, where, "an Indexed Job needs completions >= 1"):
            need(isinstance(spec.get("parallelism", 1), int) and 1 <= spec.get("parallelism", 1) <= completions, where,
                 "parallelism must be in 1..completions")
            for c in containers:
                text = command_line(c)
                need("JOB_COMPLETION_INDEX" in text and "--shard" in text, where,
                     "each pod must pick its shard from JOB_COMPLETION_INDEX (--shard I/N)")
                shards = {e["name"]: e.get("value") for e in c.get("env", [])}.get("SHARDS")
                need(shards == str(completions), where, f"SHARDS ({shards}) must equal completions ({completions})")


def check_pytorchjob(doc, where):
    need(doc.get("apiVersion") == "kubeflow.org/v1", where, "a PyTorchJob is apiVersion kubeflow.org/v1")
    replicas = ((doc.get("spec") or {}).get("pytorchReplicaSpecs")) or {}
    if not need(isinstance(replicas, dict) and "Master" in replicas, where, "spec.pytorchReplicaSpecs needs a Master"):
        return
    need(replicas["Master"].get("replicas", 1) == 1, where, "exactly one Master (rank 0)")
    for role, rs in replicas.items():
        rw = f"{where}: {role}"
        need(role in ("Master", "Worker"), rw, "replica types are Master and Worker")
        need(isinstance(rs.get("replicas", 1), int) and rs.get("replicas", 1) >= 1, rw, "replicas must be >= 1")
        need(rs.get("restartPolicy", "OnFailure") in ("Always", "OnFailure", "Never", "ExitCode"), rw, "bad restartPolicy")
        for c in check_pod_spec(((rs.get("template") or {}).get("spec")), rw, container_name="pytorch"):
            if c.get("name") == "pytorch":
                text = command_line(c)
                need("--distributed" in text, rw, "the pytorch container must run train --distributed")


def check_manifest(path):
    with open(path, encoding="utf-8") as f:
        try:
            docs = [d for d in yaml.safe_load_all(f) if d is not None]
        except yaml.YAMLError as e:
            need(False, path, f"not YAML: {e}")
            return
    need(docs, path, "no YAML document")
    for i, doc in enumerate(docs):
        where = f"{path}[{i}]"
        if not need(isinstance(doc, dict), where, "a manifest must be a mapping"):
            continue
        for key in ("apiVersion", "kind", "metadata", "spec"):
            need(key in doc, where, f"missing {key}")
        check_metadata(doc, where)
        kind = doc.get("kind")
        if kind == "Job":
            check_job(doc, where)
        elif kind == "PyTorchJob":
            check_pytorchjob(doc, where)
        else:
            need(False, where, f"unexpected kind {kind!r}")


def check_dockerfile(path):
    text = open(path, encoding="utf-8").read()
    need(re.search(r"^FROM debian:12", text, re.M), path, "the image must build on Debian 12")
    need("-DEMO_WITH_QT=OFF" in text, path, "the image builds the CLI without Qt (-DEMO_WITH_QT=OFF)")
    need(re.search(r"^COPY models", text, re.M), path, "the image must include the default model")
    need(re.search(r"^ENTRYPOINT", text, re.M), path, "the image needs an ENTRYPOINT")


def check_slurm(path):
    text = open(path, encoding="utf-8").read()
    need(text.startswith("#!/usr/bin/env bash") or text.startswith("#!/bin/bash"), path, "a bash script")
    lines = text.splitlines()
    first_command = next((i for i, l in enumerate(lines) if l.strip() and not l.startswith("#")), len(lines))
    late = [l for l in lines[first_command:] if l.startswith("#SBATCH")]
    need(not late, path, "#SBATCH lines after the first command are ignored by sbatch")
    need(any(l.startswith("#SBATCH") for l in lines), path, "no #SBATCH directives")
    if "--array" in text:
        need("--shard" in text and "SLURM_ARRAY_TASK_ID" in text, path, "an array task must pick --shard from SLURM_ARRAY_TASK_ID")
    else:
        need(re.search(r"srun .*\\?\s*$", text, re.M) and "--distributed" in text, path, "srun must start train --distributed")


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    files = argv or sorted(os.path.join(here, f) for f in os.listdir(here))
    checked = 0
    for path in files:
        name = os.path.basename(path)
        if name.endswith((".yaml", ".yml")):
            check_manifest(path)
        elif name == "Dockerfile" or name.endswith(".Dockerfile"):
            check_dockerfile(path)
        elif name.endswith(".sbatch"):
            check_slurm(path)
        else:
            continue
        checked += 1
    for p in problems:
        print(p, file=sys.stderr)
    print(f"checked {checked} recipes: {len(problems)} problems")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
