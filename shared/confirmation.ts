/** What the person reads and confirms before an action that cannot be undone (ConfirmDialog.tsx). */
export interface Confirmation {
  title: string;
  /** What will happen, in full sentences. */
  body: string;
  /** The confirm button's text: the action itself ("Sign out that session"). */
  confirm: string;
}
