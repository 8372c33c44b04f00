import { render } from 'preact';

render(<h1>Keyhold</h1>, document.getElementById('app')!);
