"""Static font instances for certificates, made once from the font packages pip installs.

The packages ship variable fonts; fed to a PDF renderer directly, bold comes out cramped and
the Chinese font is slow to load. So a Regular and a Bold instance of each family is made
once (about a minute, mostly Chinese) into the instance folder and reused.
"""

import importlib.resources
from pathlib import Path

# family: (Python package, file inside it)
SEA, CJK = "justmytype_intl_sea", "justmytype_intl_cjk"
SOURCES = {
    "Noto Sans": ("fontpkg_noto_sans", "files/NotoSans[wdth,wght].ttf"),
    "Noto Sans Khmer": (SEA, "fonts/ofl/notosanskhmer/NotoSansKhmer[wdth,wght].ttf"),
    "Noto Sans Lao": (SEA, "fonts/ofl/notosanslao/NotoSansLao[wdth,wght].ttf"),
    "Noto Sans SC": (CJK, "fonts/ofl/notosanssc/NotoSansSC[wght].ttf"),
}
PIP_NAMES = {"fontpkg_noto_sans": "fontpkg-noto-sans", "justmytype_intl_sea": "justmytype-intl-sea",
             "justmytype_intl_cjk": "justmytype-intl-cjk"}
WEIGHTS = (400, 700)


class FontMissing(RuntimeError):
    """A font a certificate needs is not installed; the message says which and how."""


def instance_path(folder, family, weight):
    return Path(folder) / f"{family.replace(' ', '')}-{weight}.ttf"


def source_path(family):
    package, name = SOURCES[family]
    try:
        path = importlib.resources.files(package) / name
    except ModuleNotFoundError:
        path = None
    if path is None or not path.is_file():
        raise FontMissing(f"The font {family!r} is missing: install the Python package "
                          f"{PIP_NAMES[package]} (pip install -c constraints.txt -e .)")
    return Path(str(path))


def build_fonts(folder, log=print):
    """Make the static instances that do not exist yet; returns the paths of all of them."""
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for family in SOURCES:
        for weight in WEIGHTS:
            target = instance_path(folder, family, weight)
            if not target.exists():
                log(f"making {target.name} (once)")
                font = TTFont(source_path(family))
                axes = {axis.axisTag for axis in font["fvar"].axes}
                location = {"wght": weight, **({"wdth": 100} if "wdth" in axes else {})}
                instance = instantiateVariableFont(font, location, updateFontNames=False)
                partial = target.with_suffix(".part")
                instance.save(partial)
                partial.rename(target)  # a half-written font is never used
            made.append(target)
    return made


def font_files(folder):
    """{(family, weight): path} of the instances; FontMissing names any that is not made."""
    files = {}
    for family in SOURCES:
        for weight in WEIGHTS:
            path = instance_path(folder, family, weight)
            if not path.exists():
                source_path(family)  # a missing package is the likelier cause: say so
                raise FontMissing(f"The certificate font {path.name} is not made yet: run "
                                  "`flask --app orientation certificates fonts` (make fonts)")
            files[(family, weight)] = path
    return files
