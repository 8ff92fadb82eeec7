import { defineMessages } from '../messages';

/** The module titles and the validator's texts that manifest.yml names by `i18n` key (shown by Jira and Confluence). */
export const manifest = defineMessages({
  en: {
    projectPage: 'Phase Gate',
    settingsPage: 'Phase Gate',
    ideaPanel: 'Phase Gate',
    adminPage: 'Phase Gate',
    validatorName: 'Phase Gate: innovation gate',
    validatorDescription:
      'Keeps an Innovation Idea in To Do while innovation is locked for its project (reliable systems and on-time delivery not yet met), and says what the organisation must achieve. Other issues and other transitions pass.',
    macroTitle: 'Phase Gate roadmap',
    macroDescription:
      'Where a Jira project stands on the road to innovation, what the next gate needs, and the trend.',
  },
  de: {
    projectPage: 'Phase Gate',
    settingsPage: 'Phase Gate',
    ideaPanel: 'Phase Gate',
    adminPage: 'Phase Gate',
    validatorName: 'Phase Gate: Innovations-Gate',
    validatorDescription:
      'Hält eine Innovationsidee in „Zu erledigen“, solange Innovation für ihr Projekt gesperrt ist (zuverlässige Systeme und termintreue Lieferung noch nicht erreicht), und sagt, was die Organisation erreichen muss. Andere Vorgänge und andere Übergänge passieren.',
    macroTitle: 'Roadmap von Phase Gate',
    macroDescription:
      'Wo ein Jira-Projekt auf dem Weg zur Innovation steht, was das nächste Gate braucht, und der Verlauf.',
  },
});
