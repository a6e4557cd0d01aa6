/**
 * What a person can do with new backup codes so they are not lost: copy them, save them as a text file,
 * or print them. The file is made in the renderer (a Blob); nothing leaves the machine.
 */
import { CopyButton } from './CopyButton';
import { strings } from '../../../shared/strings';

export function CodesActions({ codes, testId }: { codes: readonly string[]; testId: string }) {
  const text = `${strings.codes.fileHeading}\n\n${codes.join('\n')}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = strings.codes.fileName;
    link.click();
    URL.revokeObjectURL(url);
  };
  const print = () => {
    // styles.css prints only the codes while this class is set.
    document.body.classList.add('print-codes');
    window.print();
    document.body.classList.remove('print-codes');
  };
  return (
    <div className="actions">
      <CopyButton text={codes.join('\n')} label={strings.codes.copyAll} testId={`${testId}/copy`} />
      <button type="button" className="secondary" onClick={download} data-testid={`${testId}/download`}>
        {strings.codes.download}
      </button>
      <button type="button" className="secondary" onClick={print} data-testid={`${testId}/print`}>
        {strings.codes.print}
      </button>
    </div>
  );
}
