import { useEffect } from 'react';

/** The window's title names the screen (Electron shows the page title in the title bar and task switcher). */
export function useWindowTitle(screen: string): void {
  useEffect(() => {
    document.title = `${screen} – Kratos Desktop`;
  }, [screen]);
}
