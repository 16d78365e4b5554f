import argparse
import sys

from slugkit.slugify import slugify


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="slugkit", description="Print the slug of each argument or stdin line.")
    parser.add_argument("text", nargs="*")
    parser.add_argument("--separator", default="-")
    parser.add_argument("--max-length", type=int, default=80)
    args = parser.parse_args(argv)
    for line in args.text or sys.stdin.read().splitlines():
        print(slugify(line, separator=args.separator, max_length=args.max_length))
    return 0
