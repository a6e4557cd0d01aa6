/**
 * The top bar's language selector: System (KRATOS_DESKTOP_LANG, else the OS's), English, Deutsch. Main saves
 * the choice (settings.json) and loads the page again in it; the setting in use comes in the page's address
 * (`?setting=`, main/window.ts), so knowing it costs no request.
 */
import {
  languageChoices,
  languageNames,
  languageSettingParameter,
  type LanguageChoice,
} from '../../../shared/language';
import { strings } from '../../../shared/strings';
import { kratos } from '../ipc';
import { ActionMessage } from '../ui/Message';
import { Progress } from '../ui/Progress';
import { useAction } from '../ui/useAction';

/** The setting main named in the page's address; anything else reads as the system's. */
function pageSetting(): LanguageChoice {
  const named = new URLSearchParams(globalThis.location.search).get(languageSettingParameter);
  return (languageChoices as readonly string[]).includes(named ?? '') ? (named as LanguageChoice) : 'system';
}

export function LanguageSelect() {
  const change = useAction();
  const words = strings.app.language;
  return (
    <div className="language">
      <label htmlFor="language-select">{words.label}</label>
      <select
        id="language-select"
        defaultValue={pageSetting()}
        disabled={change.pending}
        onChange={(event) =>
          void change.run(() => kratos().setLanguage(event.target.value as LanguageChoice))
        }
        data-testid="topbar/language"
      >
        {languageChoices.map((choice) =>
          choice === 'system' ? (
            <option key={choice} value={choice}>
              {words.system}
            </option>
          ) : (
            <option key={choice} value={choice} lang={choice}>
              {languageNames[choice]}
            </option>
          ),
        )}
      </select>
      {change.pending && <Progress label={words.switching} />}
      <ActionMessage result={change.result} />
    </div>
  );
}
