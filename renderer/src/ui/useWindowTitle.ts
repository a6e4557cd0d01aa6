import { useEffect } from 'react';
import { strings } from '../../../shared/strings';

/**
 * The window's title names the screen (Electron shows the page title in the title bar and task switcher).
 * A part shown inside a screen for a while (the wait for the browser) names itself, and gives the title
 * back when it goes.
 */
export function useWindowTitle(screen: string): void {
  useEffect(() => {
    const before = document.title;
    document.title = strings.app.title(screen);
    return () => {
      document.title = before;
    };
  }, [screen]);
}
