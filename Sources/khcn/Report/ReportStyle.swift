/// The printed look of the report (Decree 30/2020/NĐ-CP, Appendix I: A4, margins top and
/// bottom 20–25 mm, left 30–35 mm, right 15–20 mm; Times New Roman 13–14 pt), and the rules
/// that keep a printed table readable (issue 12): no row split across pages, the header row
/// repeated on every page, no heading or caption left alone at the foot of a page.
enum ReportStyle {
    static let css = """
    @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
    body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.35; color: #000; max-width: 165mm; margin: 0 auto; }
    .header { display: flex; justify-content: space-between; text-align: center; }
    .header .issuer { width: 42%; font-size: 12.5pt; }
    .header .motto { width: 58%; }
    .motto b { white-space: nowrap; }
    .issuer b, .motto b { display: block; }
    .motto b:first-child { font-size: 12.5pt; }
    .rule { width: 35%; margin: 2px auto 0; border-top: 1px solid #000; }
    .number-date { display: flex; justify-content: space-between; margin-top: 8px; }
    .number-date .number { width: 42%; text-align: center; }
    .number-date .place { width: 58%; text-align: center; font-style: italic; }
    h1 { text-align: center; font-size: 14pt; margin: 18px 0 0; }
    .subtitle { text-align: center; font-weight: bold; margin: 2px 8mm 14px; }
    h2 { font-size: 13pt; margin: 14px 0 6px; }
    h3 { font-size: 13pt; font-style: italic; margin: 12px 0 4px; }
    /* Stacked Vietnamese marks (Ỉ, Ủ) rise above the line box: padding keeps them on the heading's page. */
    h2, h3, h4, .caption { padding-top: 4px; }
    h4 { font-size: 13pt; margin: 8px 0 2px; }
    h2, h3, h4, .caption, figcaption { break-after: avoid; page-break-after: avoid; }
    p { text-align: justify; margin: 4px 0; text-indent: 1cm; orphans: 2; widows: 2; }
    ul { margin: 4px 0 4px 1cm; padding-left: 0.6cm; }
    table { border-collapse: collapse; width: 100%; font-size: 11.5pt; margin: 6px 0; }
    thead { display: table-header-group; }
    tr, td, th { break-inside: avoid; page-break-inside: avoid; }
    th, td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; }
    th { background: #eee; }
    td.n { text-align: right; white-space: nowrap; }
    td.c { text-align: center; white-space: nowrap; }
    .status-achieved, .status-on_track { color: #1b5e20; font-weight: bold; }
    .status-needs_acceleration, .status-too_early { color: #8a6d00; font-weight: bold; }
    .status-missed, .status-regressing, .status-stalled { color: #b71c1c; font-weight: bold; }
    .status-manual { font-style: italic; }
    .target { margin-bottom: 8px; }
    .target-head { break-inside: avoid; page-break-inside: avoid; }
    .charts { display: flex; gap: 14px; align-items: flex-start; justify-content: center; margin: 4px 0; }
    figure { margin: 0; break-inside: avoid; page-break-inside: avoid; display: inline-block; vertical-align: top; text-align: center; }
    figcaption { font-size: 10.5pt; text-align: center; font-style: italic; width: 300px; margin: 0 auto; }
    col.tt { width: 5%; } col.title { width: 32%; } col.goal { width: 13%; } col.base { width: 7%; }
    col.now { width: 12%; } col.deadline { width: 14%; } col.status { width: 17%; }
    /* Inline blocks, not a flex box: the browser may start a new page between two rows of charts. */
    .manual-charts { text-align: center; margin-top: 8px; }
    .manual-charts figure { margin: 4px 2px 8px; }
    table.overview { table-layout: fixed; }
    table.overview td.n, table.overview td.c { white-space: normal; }
    .why { border-left: 3px solid #b71c1c; padding-left: 6px; text-indent: 0; }
    .caption { font-size: 11.5pt; font-weight: bold; margin: 8px 0 2px; text-indent: 0; }
    .records { font-size: 11pt; }
    .placeholder { font-style: italic; color: #444; }
    .signature { display: flex; justify-content: space-between; margin-top: 24px; break-inside: avoid; page-break-inside: avoid; }
    .recipients { font-size: 11pt; width: 45%; }
    .recipients b { font-style: italic; font-size: 12pt; }
    .signer { width: 50%; text-align: center; }
    .signer .space { height: 80px; }
    footer { margin-top: 20px; border-top: 1px solid #999; font-size: 9.5pt; color: #333; break-inside: avoid; page-break-inside: avoid; }
    footer p { text-indent: 0; text-align: left; }
    """
}
