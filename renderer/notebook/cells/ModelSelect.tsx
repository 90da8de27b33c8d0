/** A select of the installed models that have a valid bundle. */
import { useWorkbench } from '../../store/store.ts';

export function useInstalledModelIds(): string[] {
  const models = useWorkbench((state) => state.models);
  return models.filter((model) => model.manifest !== null).map((model) => model.id);
}

export function ModelSelect(props: {
  value: string;
  onChange: (modelId: string) => void;
  testId: string;
  label?: string;
}) {
  const ids = useInstalledModelIds();
  return (
    <label className="pl-nb-field">
      {props.label ?? 'Model'}
      <select value={props.value} data-testid={props.testId}
        onChange={(event) => props.onChange(event.target.value)}>
        {ids.map((id) => <option key={id} value={id}>{id}</option>)}
      </select>
    </label>
  );
}
