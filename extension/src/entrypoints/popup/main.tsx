import { render } from 'preact';

function Welcome() {
  return (
    <main>
      <h1>Welcome to Keyhold</h1>
      <button type="button">Create a new vault</button>
    </main>
  );
}

render(<Welcome />, document.getElementById('app')!);
