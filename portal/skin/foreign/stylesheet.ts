// The foreign portal's stylesheet (served from its own static path; no inline styles, no script).
export const FOREIGN_STYLESHEET = `
html.fx { font: 15px/1.5 "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #20242a; background: #eef1f4; }
.fx-body { margin: 0; }
.fx-frame { display: grid; grid-template-columns: 15rem 1fr; min-height: 100vh; }
.fx-rail { background: #14213d; color: #e5e5e5; padding: 1rem; }
.fx-rail a, .fx-rail button { color: #fca311; }
.fx-brand { font-weight: 700; letter-spacing: .02em; margin-bottom: 1.5rem; }
.fx-menu { display: flex; flex-direction: column; gap: .6rem; }
.fx-duty { font-size: .85rem; opacity: .8; }
.fx-page { padding: 2rem 3rem; max-width: 62rem; }
.fx-foot { text-align: center; padding: 1rem; color: #6b7280; }
.fx-title { font-size: 1.6rem; margin: 0 0 1rem; }
.fx-card { background: #fff; border-radius: 10px; padding: 1.5rem 2rem; box-shadow: 0 1px 4px rgba(0,0,0,.08); max-width: 34rem; }
.fx-panel { background: #fff; border-radius: 10px; padding: 1rem 1.5rem; margin: 1.5rem 0; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
.fx-panel__title { font-size: 1.2rem; margin: 0; }
.fx-sub { border-top: 1px dashed #cbd5e1; margin-top: 1.2rem; padding-top: .8rem; }
.fx-meta { color: #4b5563; }
.fx-tabs a { margin: 0 .3rem; }
.fx-row { display: flex; flex-direction: column; margin: .7rem 0; }
.fx-row--tick { flex-direction: row; flex-wrap: wrap; align-items: center; gap: .4rem; }
.fx-label { font-weight: 600; }
.fx-input { border: 1px solid #94a3b8; border-radius: 6px; padding: .4rem .5rem; max-width: 38rem; }
.fx-mono { font-family: Consolas, Menlo, monospace; }
.fx-help { color: #6b7280; }
.fx-problem { color: #9b1c1c; }
.fx-choice { margin: .7rem 0; display: flex; flex-wrap: wrap; gap: .8rem; align-items: center; }
.fx-group { border: 1px solid #cbd5e1; border-radius: 8px; margin: 1rem 0; }
.fx-actions { margin-top: 1rem; }
.fx-form--inline { display: inline; }
.fx-btn { border-radius: 999px; padding: .45rem 1.2rem; border: 1px solid #14213d; cursor: pointer; }
.fx-btn--main { background: #fca311; color: #14213d; border-color: #fca311; }
.fx-btn--plain { background: transparent; }
.fx-btn--danger { background: #9b1c1c; color: #fff; border-color: #9b1c1c; }
.fx-switch { border-radius: 999px; padding: .45rem 1.2rem; border: 1px solid #14213d; background: #e5e7eb; }
.fx-switch[aria-checked=true] { background: #15803d; color: #fff; }
.fx-banner { border-radius: 8px; padding: .7rem 1rem; margin: .8rem 0; }
.fx-banner--done { background: #dcfce7; }
.fx-banner--problem { background: #fee2e2; }
.fx-banner--heed { background: #fef3c7; }
.fx-ref { font-family: Consolas, Menlo, monospace; font-size: .85rem; }
.fx-tech summary { cursor: pointer; color: #4b5563; }
.fx-pairs { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
.fx-pairs dt { font-weight: 600; }
.fx-pairs code { word-break: break-all; }
.fx-grid { border-collapse: separate; border-spacing: 0; width: 100%; background: #fff; }
.fx-grid th, .fx-grid td { padding: .4rem .6rem; border-bottom: 1px solid #e5e7eb; text-align: left; vertical-align: top; }
.fx-findings li { margin: .3rem 0; }
.fx-tag { border-radius: 4px; padding: 0 .3rem; background: #e5e7eb; font-size: .8rem; }
.fx-tag--stop { background: #9b1c1c; color: #fff; }
.fx-kind { font-family: Consolas, Menlo, monospace; font-size: .85rem; }
.fx-tiles { list-style: none; display: flex; gap: 1rem; padding: 0; }
.fx-tiles a { display: block; background: #fff; border-radius: 8px; padding: 1rem 1.5rem; }
.fx-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.fx-aside { margin-top: 1.2rem; font-size: .9rem; }
`;
