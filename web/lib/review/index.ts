// The review experience of the editor page: the panel listing threads, the composer, and the
// Comment button. Each reads the EditorSession from Svelte context.

export { default as ReviewPanel } from './ReviewPanel.svelte';
export { default as CommentComposer } from './CommentComposer.svelte';
export { default as CommentButton } from './CommentButton.svelte';
