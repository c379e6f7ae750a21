"""Render an essay as Markdown: headings by level, paragraphs separated by blank lines."""

from __future__ import annotations

from pipelines.model import Essay


def to_markdown(essay: Essay) -> str:
    lines = [f"# {essay.title}"]
    for block in essay.blocks:
        if block.type == "heading":
            lines.append(f"{'#' * min(block.level + 1, 6)} {block.text}")
        else:
            lines.append(block.text)
    return "\n\n".join(lines) + "\n"
