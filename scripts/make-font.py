#!/usr/bin/env python3
"""Builds the UI font: a subset of NanumGothic (OFL, Debian's fonts-nanum) holding

  * ASCII and Latin-1,
  * every character of the string literals in ui/*.cpp and core/**/*.cpp
    (menus, messages, the catalog's Korean names and explanations) and of the
    strings in examples/*.json (their stories, in Korean too),
  * the 2,350 Hangul syllables of KS X 1001 (EUC-KR 0xB0A1..0xC8FE), so that
    users can type Korean names for their services,
  * a few symbols the canvas draws (arrows, middle dot, dashes).

Usage: make-font.py --out build/assets/fonts/cloudplay-ui.ttf [--source-root .] [--font path.ttf]
Prints the number of characters kept and the output size. Needs pyftsubset
(Debian's python3-fonttools).
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

DEFAULT_FONT = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"

# A C/C++ string literal (plain or u8), with escapes; raw strings are rare here and also matched by content.
LITERAL = re.compile(r'(?:u8)?"((?:[^"\\\n]|\\.)*)"')


def ks_x_1001_hangul():
    """The 2,350 precomposed syllables of KS X 1001: lead bytes 0xB0..0xC8, trail 0xA1..0xFE."""
    out = []
    for lead in range(0xB0, 0xC9):
        for trail in range(0xA1, 0xFF):
            try:
                ch = bytes([lead, trail]).decode("euc-kr")
            except UnicodeDecodeError:
                continue
            if "\uac00" <= ch <= "\ud7a3":
                out.append(ch)
    return out


def literal_chars(root):
    chars = set()
    # The examples' stories (story.ko, story.name_ko) are shown in the app too; a JSON
    # string has the same shape as a C++ literal.
    files = (list((root / "ui").glob("*.cpp")) + list((root / "core").rglob("*.cpp")) + list((root / "ui").glob("*.h"))
             + list((root / "examples").glob("*.json")))
    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for m in LITERAL.finditer(text):
            chars.update(m.group(1))
    return chars, len(files)


def run_subset(opts):
    """pyftsubset from fontTools: in this interpreter if it has it, else Debian's python3 or the command."""
    try:
        from fontTools import subset  # noqa: F401
        subprocess.run([sys.executable, "-m", "fontTools.subset"] + opts, check=True)
        return
    except ImportError:
        pass
    for cmd in (["/usr/bin/python3", "-m", "fontTools.subset"], ["pyftsubset"]):
        if cmd[0].startswith("/") and not os.path.exists(cmd[0]):
            continue
        try:
            subprocess.run(cmd + opts, check=True)
            return
        except (FileNotFoundError, subprocess.CalledProcessError):
            continue
    sys.exit("make-font.py: fontTools (pyftsubset) not found: install Debian's python3-fonttools")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--source-root", default=str(pathlib.Path(__file__).resolve().parent.parent))
    ap.add_argument("--font", default=DEFAULT_FONT)
    # NanumGothic has no ⚠ or ✓ (the help texts mark approximations with ⚠): a few
    # symbols come from DejaVu Sans (Debian's fonts-dejavu-core), merged in by the UI.
    ap.add_argument("--symbols-out")
    ap.add_argument("--symbols-font", default="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    args = ap.parse_args()

    if not os.path.exists(args.font):
        sys.exit(f"make-font.py: {args.font} is missing: install Debian's fonts-nanum")
    hangul = ks_x_1001_hangul()
    if len(hangul) != 2350:
        sys.exit(f"make-font.py: expected 2,350 KS X 1001 syllables, got {len(hangul)}")
    used, nfiles = literal_chars(pathlib.Path(args.source_root))
    chars = set(hangul) | used
    chars.update(chr(c) for c in range(0x20, 0x7F))
    chars.update(chr(c) for c in range(0xA0, 0x100))
    chars.update("·–—‘’“”…→←↑↓↔×✓•※")
    chars = sorted(c for c in chars if ord(c) >= 0x20)
    missing_hangul_from_strings = sorted(c for c in used if "\uac00" <= c <= "\ud7a3" and c not in set(hangul))

    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as tf:
        tf.write("".join(chars))
        text_file = tf.name
    tmp_out = str(out) + ".tmp"
    try:
        opts = [args.font, f"--text-file={text_file}", f"--output-file={tmp_out}",
                "--layout-features=", "--no-hinting", "--desubroutinize", "--name-IDs=*", "--notdef-outline"]
        run_subset(opts)
        os.replace(tmp_out, out)
    finally:
        os.unlink(text_file)
        if os.path.exists(tmp_out):
            os.unlink(tmp_out)
    if args.symbols_out:
        if not os.path.exists(args.symbols_font):
            sys.exit(f"make-font.py: {args.symbols_font} is missing: install Debian's fonts-dejavu-core")
        symbols = sorted(set("⚠✓✗") | {c for c in used if 0x2600 <= ord(c) <= 0x27BF})
        sym_out = pathlib.Path(args.symbols_out)
        sym_out.parent.mkdir(parents=True, exist_ok=True)
        run_subset([args.symbols_font, "--text=" + "".join(symbols), f"--output-file={sym_out}",
                    "--layout-features=", "--no-hinting", "--desubroutinize", "--notdef-outline"])
        print(f"make-font.py: {len(symbols)} symbols from {args.symbols_font} -> {sym_out} "
              f"({sym_out.stat().st_size} bytes)")
    print(f"make-font.py: {len(chars)} characters ({len(hangul)} KS X 1001 syllables, "
          f"{len(used)} from {nfiles} source files; {len(missing_hangul_from_strings)} extra syllables) "
          f"-> {out} ({out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
