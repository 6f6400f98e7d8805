"""Every number the parser's judgement rests on, each with the reason for its value.

Reading a report copied out of Word, a PDF or a web page is heuristic: labels arrive mangled, tables
arrive without their grid. The thresholds live here, in one place, so that a change is deliberate
and a test can pin its effect (tests/model/test_heuristics.py).
"""

# --- matching a row label found in the text to the format's row ---------------------------------

#: The label equals the format's, or is it with a filling note or group label around it.
LABEL_PREFIX = 0.97
#: The label contains the format's distinctive words (a group label before them, words after).
LABEL_CONTAINED = 0.93
#: A match this good is taken without trying the slower fuzzy comparison.
LABEL_CERTAIN = 0.85
#: The lowest fuzzy similarity accepted: PDF copies drop or swap a few characters of long labels
#: ("2.其他法律行政止公开"); below it, two different rows of the table start to look alike.
LABEL_ACCEPT = 0.72
#: Subtracted when the found label's item number (2.) differs from the row's (1.).
NUMBER_CLASH = 0.15
#: Short labels (其他, 总计) must match exactly: their fuzzy similarity is scaled down.
SHORT_LABEL_FACTOR = 0.8
#: A label matched only through the words around it (a broken group label) counts a little less.
CONTEXT_PENALTY = 0.05
#: Per row skipped ahead: of two equally good matches, the next expected row wins.
DISTANCE_PENALTY = 0.002
#: Label pieces broken over lines are joined when the join matches this much better.
JOIN_GAIN = 0.05
#: How many label pieces (broken lines) are kept waiting for their figures.
PENDING_PIECES = 6
#: A label cut short where a PDF line broke it ("5.要求行政机关确认或重新出") is the format's own
#: wording, not a deviation (RL504), when it keeps at least this share of the label's words.
LABEL_CUT_SHORT = 0.6

#: Labels this short (其他, 总计) match only exactly: any fuzzy match of them is chance.
SHORT_LABEL_CHARS = 3
#: A label's distinctive words (its core) this long are matched inside a longer label; shorter
#: ones only as the whole label or its start.
DISTINCT_CORE_CHARS = 4
#: A table region is "one cell per line" when at least this many lines hold a single tab-indented cell.
CELL_PER_LINE_MIN = 5

# --- figures -----------------------------------------------------------------------------------

#: A count of applications, documents or decisions: at most this many digits. Glued figures are
#: never cut into a longer number, which also bounds the search on a hostile run of digits.
MAX_COUNT_DIGITS = 8
#: No figure in these tables (an amount with its unit included) is written longer than this.
MAX_FIGURE_CHARS = 16
#: Readings of one glued row listed at most; past it the row is unreadable (RL308), not slow.
MAX_READINGS = 5_000
#: Steps spent listing one row's readings, and searching a whole table for its consistent reading:
#: a few milliseconds each on real tables, a bounded tenth of a second on a hostile one.
MAX_READING_STEPS = 50_000
MAX_DECODE_STEPS = 200_000

# --- where the tables are -------------------------------------------------------------------------

#: A line holding a table-二 caption is the caption row when it is this short (the narrative may
#: cite 第二十条第（一）项 in a sentence).
CAPTION_LINE_CHARS = 40
#: A line holding a table-三 anchor (勾稽, 申请人情况) is part of the table when this short.
TABLE3_ANCHOR_LINE_CHARS = 120
#: Likewise for table 四's 行政复议 header.
TABLE4_ANCHOR_LINE_CHARS = 60
#: Lines after 行政复议 searched for 结果维持/结果纠正, which confirm it heads table 四.
TABLE4_CONFIRM_LINES = 8
#: Where the next table's anchor is missing, how far a table may run (lines): one cell per line
#: and blank lines between rows make table 三 up to ~300 lines long.
TABLE2_MAX_LINES = 150
TABLE3_MAX_LINES = 400
TABLE4_MAX_LINES = 80

# --- what the report is ---

#: One stray "一、概述" does not make a report; a title, this many sections or a table does.
RECOGNISED_SECTIONS = 2
#: A file that holds no report is still taken for one gone wrong (RL902, not skipped) when a title
#: of one stands in its first this many non-blank lines (past a crawler's metadata and a page's
#: navigation), each looked at up to this many characters (a page saved on one line).
SIGN_LINES = 40
SIGN_LINE_CHARS = 200
#: Two formats' cues in one report's tables make it "mixed" when the second has at least this share
#: of the first's count (a single cue of the other format is a defect of a report in this one).
MIXED_CUE_RATIO = 0.5
#: Without sections, the body's year is the year the report's first lines speak of most.
BODY_YEAR_LINES = 60

# --- headings and title ------------------------------------------------------------------------------

#: A heading is short; a longer line starting with 一、 is a paragraph (unless it begins with the
#: format's own heading, run together with its first sentence).
MAX_HEADING_CHARS = 40
#: How alike a heading's words must be to the format's heading of the same number (or contain
#: that section's keyword) to be that section's heading. Numbering alone never makes a heading.
HEADING_SIMILARITY = 0.5
#: A line with tabs or pipes is one table row, left as it is, unless longer than any row can be
#: (then it is a whole page or table run into one line and is cut like one).
TABLE_ROW_CHARS = 600
#: Numbered phrases examined as possible headings in one line; a real report has a few dozen, a
#: hostile line millions (each costs a comparison).
MAX_HEADING_CANDIDATES = 500
#: A table run into one line (a web copy) is at most this long: table 三 with its header is about
#: 3,000 characters. Bounds the work on a line that only looks like a table.
TABLE_STRETCH_CHARS = 20_000
#: A sentence (the statistics period's) runs over at most this many lines after its first.
SENTENCE_LINES = 3
#: A statistics period's dates follow its cue (统计期限) closely; a date this far before it still
#: belongs to the sentence ("自2023年1月1日至12月31日的统计期限").
PERIOD_CUE_LOOKBACK = 10
#: Between 发布日期 and its date at most this many characters (a colon, spaces).
PUBLISHED_CUE_GAP = 12
#: A 落款 date stands alone on its line: at most this many other characters (…日印发).
SIGNATURE_REST_CHARS = 4
#: A page's 发布日期/发布时间 field stands near the top (a crawler's metadata, the article header).
PUBLISHED_FIELD_LINES = 40
#: The 落款 date is among the report's last lines (agency, date, perhaps 印发 and a contact line).
SIGNATURE_LINES = 6
#: Table 四's header is looked for this far after section 四's heading (a sentence or two may come first).
TABLE4_HEADER_SEARCH_CHARS = 600
#: A line with a furniture word (分享, 附件下载, 版权所有…) is furniture when this short; a longer one
#: only when it starts with it (a paragraph may end in a page's 附件下载).
FURNITURE_LINE_CHARS = 80
#: The title is looked for in the first lines of the report only.
#: A title broken over lines: up to this many lines above (the agency) and below (年度报告), each
#: shorter than these (longer lines are paragraphs).
TITLE_PART_LINES = 3
TITLE_AGENCY_CHARS = 30
TITLE_TAIL_CHARS = 20
#: A line ending like a sentence and longer than this is no heading.
HEADING_SENTENCE_CHARS = 20
TITLE_SCAN_LINES = 80
TITLE_MAX_CHARS = 80
