import sys


def main(argv):
    if argv[:1] == ["--help"]:
        print("usage: python -m hello [NAME...]")
        return 0
    print("hello, " + (" ".join(argv) or "world"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
