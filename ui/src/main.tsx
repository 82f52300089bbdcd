import { render } from 'preact';
import { Shell } from './Shell';
import './styles.css';

render(<Shell />, document.getElementById('root')!);
