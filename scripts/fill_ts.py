"""Fill unfinished entries of a .ts file from a {source: translation} JSON map (stdin).

Used when adding a few strings by hand: `make translations`, then
`python scripts/fill_ts.py assets/translations/plaza_id.ts < new.json`.
"""

import json
import sys
import xml.etree.ElementTree as ET

path = sys.argv[1]
wanted = json.load(sys.stdin)
tree = ET.parse(path)
filled = 0
for message in tree.iter("message"):
    source = message.findtext("source")
    translation = message.find("translation")
    if source in wanted and translation is not None and translation.get("type") == "unfinished":
        translation.text = wanted[source]
        del translation.attrib["type"]
        filled += 1
tree.write(path, encoding="utf-8", xml_declaration=True)
print(f"filled {filled} of {len(wanted)}")
