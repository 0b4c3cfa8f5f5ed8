"""Semantic diff of two built pages: the DOM with attributes sorted and whitespace collapsed."""
import re, sys, difflib
from lxml import html as H
def canon(path):
    tree = H.fromstring(open(path, encoding="utf-8").read())
    out = []
    def walk(el, depth):
        if not isinstance(el.tag, str):
            return
        attrs = " ".join(f'{k}="{v}"' for k, v in sorted(el.attrib.items()))
        out.append("  " * depth + f"<{el.tag} {attrs}>")
        if el.text and el.text.strip():
            out.append("  " * depth + "  " + re.sub(r"\s+", " ", el.text.strip()))
        for c in el:
            walk(c, depth + 1)
            if c.tail and c.tail.strip():
                out.append("  " * depth + "  " + re.sub(r"\s+", " ", c.tail.strip()))
    walk(tree, 0)
    return out
a, b = canon(sys.argv[1]), canon(sys.argv[2])
for line in difflib.unified_diff(a, b, lineterm="", n=0):
    print(line)
