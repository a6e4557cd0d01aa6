/** Where updates stand, in the person's words (the About view); main sends only the state. Pure. */
import type { UpdateView } from '../../../shared/ipc-contract';
import { strings } from '../../../shared/strings';
import { formatLocalTime } from '../../../shared/strings/time';

export function updateText(update: UpdateView): string {
  const words = strings.about.update;
  switch (update.state) {
    case 'off':
      return words.off[update.reason];
    case 'idle':
      return words.idle;
    case 'checking':
      return words.checking;
    case 'up-to-date':
      return words.upToDate(formatLocalTime(update.checkedAt));
    case 'unreachable':
      return words.unreachable(formatLocalTime(update.retryAt));
    case 'downloading':
      return words.downloading(update.version, update.percent);
    case 'ready':
      return words.ready(update.version);
    case 'failed':
      return words.failed[update.reason](update.version);
  }
}
