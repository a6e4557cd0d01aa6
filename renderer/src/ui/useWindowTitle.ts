import { useEffect } from 'react';
import { strings } from '../../../shared/strings';

/** The window's title names the screen (Electron shows the page title in the title bar and task switcher). */
export function useWindowTitle(screen: string): void {
  useEffect(() => {
    document.title = strings.app.title(screen);
  }, [screen]);
}
