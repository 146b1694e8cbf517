"""How the network page looks: a shape and colour per kind, a colour per
relation, and vis-network's options (kg/visualise.py uses them; page.js draws
the legend from the same table).

Colours are Okabe-Ito, told apart by the colour-blind too; shapes differ as
well, so the page also reads in greyscale. Labels are Arabic with English.
"""

from __future__ import annotations

FONT = "'Noto Naskh Arabic', 'Noto Sans Arabic', 'Segoe UI', Tahoma, 'DejaVu Sans', sans-serif"

# kind -> Arabic, English, vis shape, colour
KINDS = {
    "person": ("شخص", "person", "dot", "#0072B2"),
    "organization": ("منظمة", "organisation", "square", "#009E73"),
    "armed-force": ("قوة مسلحة", "armed force", "triangle", "#D55E00"),
    "place": ("مكان", "place", "diamond", "#E69F00"),
    "source": ("مصدر", "unnamed source", "triangleDown", "#7A7A7A"),
    "actor": ("فاعل", "actor", "dot", "#A0A0A0"),
    "claim": ("تصريح", "claim", "hexagon", "#CC79A7"),
    "article": ("مقال", "article", "star", "#56B4E9"),
}

# relation -> Arabic (the ontology's label), English, colour
LINKS = {
    "said": ("قال", "said", "#AA4499"),
    "captured": ("سيطر على", "captured", "#D55E00"),
    "met": ("التقى", "met", "#0072B2"),
    "article": ("ورد في", "reported in", "#9A9A9A"),
}

BIG = 300  # nodes: above this, straight edges and a shorter layout keep the page fluid


def vis_options(nodes: int) -> dict:
    """vis-network options for a page of `nodes` nodes; page.js turns physics
    off once the layout has settled."""
    big = nodes > BIG
    return {
        "layout": {"randomSeed": 7, "improvedLayout": nodes <= 150},
        "nodes": {
            "borderWidth": 1,
            "font": {
                "face": FONT,
                "size": 15 if big else 17,
                "color": "#1d1d1f",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "arrows": {"to": {"scaleFactor": 0.5}},
            "smooth": False if big else {"type": "continuous"},
            "font": {
                "face": FONT,
                "size": 12,
                "color": "#555555",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "align": "horizontal",
            },
        },
        "physics": {
            "solver": "barnesHut",
            # Small pages spread out so that labels, which vis does not lay out, stay apart.
            "barnesHut": {
                "gravitationalConstant": -3500 if big else -4500,
                "centralGravity": 0.45 if big else 0.4,
                "springLength": 120 if big else 140,
                "springConstant": 0.04,
                "avoidOverlap": 0.5 if big else 0.7,
            },
            "stabilization": {"iterations": 250 if big else 600, "updateInterval": 25},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "keyboard": {"enabled": True},
        },
    }
