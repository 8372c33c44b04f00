// The report's four lists. Each entry opens its item and links to the site's change-password page
// (Apple's data, else /.well-known/change-password, chosen by the background). Arrow keys move
// between the entries; Enter opens one.
import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { HealthEntryView, HealthReportView } from '../../../health/health-view';
import { hostOf } from '../../../vault/list-row';
import { TEXT } from './health-text';

type Section = keyof typeof TEXT.sections;

function dateText(at: number): string {
  return new Date(at).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

function Entry(props: { entry: HealthEntryView; detail: string; onOpen: (id: string) => void }): JSX.Element {
  const { row, changePasswordUrl } = props.entry;
  return (
    <li class="health-entry" data-testid="health-entry">
      <button type="button" class="health-open" onClick={() => props.onOpen(row.id)}>
        <span class="health-name">{row.name}</span>
        <span class="health-sub">{[row.subtitle, row.domain].filter(Boolean).join(' · ')}</span>
      </button>
      {props.detail && <span class="health-detail">{props.detail}</span>}
      {changePasswordUrl && (
        <a class="health-change" href={changePasswordUrl} target="_blank" rel="noopener noreferrer" data-testid="health-change-password">
          {TEXT.changeOn(hostOf(changePasswordUrl))}
        </a>
      )}
    </li>
  );
}

function SectionBlock(props: { section: Section; count: number; children: ComponentChildren }): JSX.Element {
  const id = `health-${props.section}`;
  return (
    <section class="health-section" aria-labelledby={id} data-testid={`health-section-${props.section}`}>
      <h2 id={id} class="health-section-title">
        {TEXT.sections[props.section]} <span class="health-count">{props.count}</span>
      </h2>
      {props.count > 0 && <p class="hint">{TEXT.sectionHint[props.section]}</p>}
      {props.children}
    </section>
  );
}

/** ArrowUp/ArrowDown move focus between the entries' open buttons (Home/End to the ends). */
function onKeyDown(event: KeyboardEvent): void {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
  const root = event.currentTarget as HTMLElement;
  const buttons = [...root.querySelectorAll<HTMLButtonElement>('.health-open')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at === -1 || buttons.length === 0) return;
  event.preventDefault();
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? buttons.length - 1
        : event.key === 'ArrowDown'
          ? Math.min(buttons.length - 1, at + 1)
          : Math.max(0, at - 1);
  buttons[next]?.focus();
}

/** Entries drawn per list before "Show all": a 10,000-item vault can have thousands. */
const SHOWN = 200;

export function HealthReport(props: { report: HealthReportView; onOpen: (id: string) => void }): JSX.Element {
  const { report } = props;
  const [all, setAll] = useState<ReadonlySet<Section>>(new Set());
  const shown = <T,>(section: Section, list: T[]): T[] => (all.has(section) ? list : list.slice(0, SHOWN));
  const more = (section: Section, total: number) =>
    !all.has(section) && total > SHOWN ? (
      <button type="button" class="button" onClick={() => setAll(new Set([...all, section]))}>
        {TEXT.showAll(total)}
      </button>
    ) : null;
  const reusedCount = report.reused.reduce((n, group) => n + group.length, 0);
  return (
    <div class="health-report" onKeyDown={onKeyDown}>
      <SectionBlock section="breached" count={report.breached.length}>
        {!report.breachesChecked ? (
          <p class="hint">{TEXT.notChecked}</p>
        ) : report.breached.length > 0 ? (
          <ul class="health-list">
            {shown('breached', report.breached).map((e) => (
              <Entry key={e.id} entry={e} detail={TEXT.breachCount(e.count)} onOpen={props.onOpen} />
            ))}
          </ul>
        ) : null}
        {more('breached', report.breached.length)}
      </SectionBlock>
      <SectionBlock section="reused" count={reusedCount}>
        {shown('reused', report.reused).map((group) => (
          <div class="health-group" key={group[0]!.id}>
            <h3 class="health-group-title">{TEXT.reusedGroup(group.length)}</h3>
            <ul class="health-list">
              {group.map((e) => (
                <Entry key={e.id} entry={e} detail="" onOpen={props.onOpen} />
              ))}
            </ul>
          </div>
        ))}
        {more('reused', report.reused.length)}
      </SectionBlock>
      <SectionBlock section="weak" count={report.weak.length}>
        {report.weak.length > 0 && (
          <ul class="health-list">
            {shown('weak', report.weak).map((e) => (
              <Entry key={e.id} entry={e} detail={TEXT.weakScore(e.score)} onOpen={props.onOpen} />
            ))}
          </ul>
        )}
        {more('weak', report.weak.length)}
      </SectionBlock>
      <SectionBlock section="old" count={report.old.length}>
        {report.old.length > 0 && (
          <ul class="health-list">
            {shown('old', report.old).map((e) => (
              <Entry key={e.id} entry={e} detail={TEXT.setAt(dateText(e.setAt))} onOpen={props.onOpen} />
            ))}
          </ul>
        )}
        {more('old', report.old.length)}
      </SectionBlock>
    </div>
  );
}
