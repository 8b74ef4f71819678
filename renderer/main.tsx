import { createRoot } from 'react-dom/client';
import { App } from './shell/App.tsx';
import './styles.css';

createRoot(document.getElementById('root')!).render(<App />);
