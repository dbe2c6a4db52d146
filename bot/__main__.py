"""`python -m bot`: run the Discord bot (token from DISCORD_TOKEN), or `--check` its set-up."""

from __future__ import annotations

import argparse
import sys

from retrieval.config import load_config
from retrieval.errors import NewsqaError

from .app import check, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="The newsqa Discord bot. The bot token is read from DISCORD_TOKEN.",
    )
    parser.add_argument("--config", help="config file (default: $NEWSQA_CONFIG or ./config.yaml)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="load the config and the index and check DISCORD_TOKEN is set, without "
        "connecting; exit 0 when all is well (for health checks)",
    )
    parser.add_argument(
        "--live",
        action="store_true",
        help="with --check: also require the running bot's health file (bot.health_file) to be "
        "fresh and to say it is connected to Discord (the Docker health check)",
    )
    args = parser.parse_args(argv)
    try:
        settings = load_config(args.config)
    except NewsqaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return check(settings, live=args.live) if args.check else run(settings)


if __name__ == "__main__":
    sys.exit(main())
