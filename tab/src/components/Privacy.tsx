import { Note } from './Layout';

/** "Who sees what?", said plainly before anything else on a view. */
export function Privacy(props: { title: string; text: string }) {
  return (
    <div data-testid="privacy">
      <Note title={props.title}>{props.text}</Note>
    </div>
  );
}
