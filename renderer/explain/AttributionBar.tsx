/**
 * Bar above the diff editor: how attributions are drawn (off, line, token), the method
 * (occlusion, or integrated gradients for models with gradient access), the colour legend, and
 * the attribution job's progress or integrated gradients' completeness error.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';

import { hasGradientAccess } from '../../src/core/model/capabilities.ts';
import { movedIndex } from '../app/rovingFocus.ts';
import { useWorkbench } from '../store/store.ts';
import type { AttributionMethod } from '../workers/explainProtocol.ts';
import { binColor, BINS, formatScale, scaleMax } from './colorScale.ts';
import { attributionStatus, withRunningTime } from './attributionStatus.ts';
import {
  useExplain,
  type AttributionDisplay,
  type AttributionState,
} from './explainStore.ts';
import './explain.css';

/** Milliseconds between two redraws of a running job's elapsed time. */
const TICK_MS = 500;

/**
 * Returns the attribution state with its elapsed time advanced every TICK_MS while the job
 * runs. The worker reports progress only between steps, which on a large diff with a
 * Transformer can be many seconds apart, so the time would otherwise stand still.
 */
function useTickingElapsed(attributions: AttributionState): AttributionState {
  const running = attributions.status === 'running';
  const start = useRef({ jobId: null as number | null, at: 0 });
  if (running && start.current.jobId !== attributions.jobId) {
    start.current = { jobId: attributions.jobId, at: performance.now() };
  }

  const [, setTick] = useState(0);
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => setTick((tick) => tick + 1), TICK_MS);
    return () => clearInterval(timer);
  }, [running]);

  return withRunningTime(attributions, start.current.at, performance.now());
}

const DISPLAYS: { value: AttributionDisplay; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'line', label: 'Line' },
  { value: 'token', label: 'Token' },
];

function Legend(props: { max: number | null }) {
  const stops = [];
  for (let bin = -BINS; bin <= BINS; bin++) {
    const style = { background: binColor(bin) };
    stops.push(<span key={bin} className="pl-legend-swatch" style={style} />);
  }
  // Two decimals hide the small logit changes of long diffs, so small scales keep two digits.
  const max = props.max === null ? '' : formatScale(props.max);
  return (
    <span className="pl-legend" data-testid="attribution-legend"
      title="Logit change caused by each item: blue pushes the score down, red pushes it up">
      <span className="pl-legend-ramp">{stops}</span>
      <span className="pl-legend-end">{props.max === null ? 'down ↔ up' : `±${max} logit`}</span>
    </span>
  );
}

/**
 * Renders the Off/Line/Token radiogroup. Only the checked radio is in the tab order, and arrow
 * keys, Home and End move focus and check the radio they reach.
 */
function DisplayChoice(props: {
  display: AttributionDisplay;
  onChange: (display: AttributionDisplay) => void;
}) {
  const groupRef = useRef<HTMLDivElement>(null);
  const current = DISPLAYS.findIndex((option) => option.value === props.display);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = movedIndex(event.key, current, DISPLAYS.length, 'both');
    if (next === null) return;
    event.preventDefault();
    props.onChange(DISPLAYS[next]!.value);
    groupRef.current?.querySelectorAll<HTMLElement>('[role="radio"]')[next]?.focus();
  };

  return (
    <div className="pl-segmented" role="radiogroup" aria-label="Attribution display"
      ref={groupRef} onKeyDown={onKeyDown}>
      {DISPLAYS.map((option) => {
        const checked = props.display === option.value;
        return (
          <button key={option.value} type="button" role="radio" aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            className={`pl-segment${checked ? ' is-active' : ''}`}
            data-testid={`attribution-display-${option.value}`}
            onClick={() => props.onChange(option.value)}>
            {option.label}
          </button>
        );
      })}
    </div>
  );
}

export function AttributionBar() {
  const settings = useExplain((state) => state.settings);
  const updateSettings = useExplain((state) => state.updateSettings);
  const attributions = useExplain((state) => state.attributions);
  const diffText = useWorkbench((state) => state.diffText);
  const family = useWorkbench((state) =>
    state.models.find((model) => model.id === state.activeModelId)?.manifest?.family ?? null);
  const gradients = hasGradientAccess(family);

  const max = useMemo(() => {
    if (settings.display === 'off') return null;
    const values = attributions.items
      .filter((item) => item.level === settings.display)
      .map((item) => item.logit);
    return values.length === 0 ? null : scaleMax(values);
  }, [attributions.items, settings.display]);
  const status = attributionStatus(useTickingElapsed(attributions), diffText);

  const setMethod = (method: AttributionMethod) => updateSettings({ method });
  useEffect(() => {
    // After a switch to a model without gradient access, fall back to occlusion.
    if (!gradients && settings.method === 'integrated-gradients') {
      updateSettings({ method: 'occlusion' });
    }
  }, [gradients, settings.method, updateSettings]);

  return (
    <div className="pl-attr-bar" data-testid="attribution-bar"
      data-status={attributions.status} data-items={attributions.items.length}>
      <span className="pl-attr-bar-title">Attributions</span>
      <DisplayChoice display={settings.display}
        onChange={(display) => updateSettings({ display })} />
      <select className="pl-select" value={settings.method} data-testid="attribution-method"
        aria-label="Attribution method"
        onChange={(event) => setMethod(event.target.value as AttributionMethod)}>
        <option value="occlusion">Occlusion</option>
        <option value="integrated-gradients" disabled={!gradients}>
          Integrated gradients{gradients ? '' : ' (needs gradient access)'}
        </option>
      </select>
      {settings.display !== 'off' && <Legend max={max} />}
      <span className={`pl-attr-status${status.warn ? ' is-warning' : ''}`}
        data-testid="attribution-status" title={status.title ?? status.text}>
        {attributions.status === 'running' && <span className="pl-spinner" aria-hidden="true" />}
        {status.text}
      </span>
    </div>
  );
}
