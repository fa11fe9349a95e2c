// The side panels and the export menu of the editor page. Each reads the EditorSession from
// Svelte context (useEditorSession), so mounting one needs no props:
//   <OutlinePanel />  <ProblemsPanel />  <SummaryPanel />  <RequirementPanel />  <SettingsPanel />
//   <ExportMenu />

import './panels.css';

export { default as OutlinePanel } from './OutlinePanel.svelte';
export { default as ProblemsPanel } from './ProblemsPanel.svelte';
export { default as SummaryPanel } from './SummaryPanel.svelte';
export { default as RequirementPanel } from './RequirementPanel.svelte';
export { default as SettingsPanel } from './SettingsPanel.svelte';
export { default as ExportMenu } from './ExportMenu.svelte';
export { default as KindBadge } from './KindBadge.svelte';
