"""``python scripts/instruction_docx.py SRC OUT --locale ru``: the job instruction as .docx.

The converter is ``handbook.instruction_docx`` (also ``python -m handbook.instruction_docx``).
"""

from handbook.instruction_docx import main

if __name__ == "__main__":
    raise SystemExit(main())
