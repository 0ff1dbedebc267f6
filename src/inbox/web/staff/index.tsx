import '../strictCsp';
import { createRoot } from 'react-dom/client';
import { Shell } from '../Shell';
import { StaffApp } from './StaffApp';
import { S } from './strings';

createRoot(document.getElementById('root')!).render(
  <Shell title={S.title} subtitle={S.subtitle}>
    <StaffApp />
  </Shell>,
);
