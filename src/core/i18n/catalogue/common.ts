import { defineMessages } from '../messages';

/** Words every surface shares: the product, phases, loading, errors. */
export const common = defineMessages({
  en: {
    product: 'Phase Gate',
    loading: 'Loading Phase Gate…',
    crashed: 'Phase Gate stopped working',
    reload: 'Reload the page to try again.',
    couldNotStart: 'Phase Gate could not start',
    unknownPlace: 'Unknown place',
    unknownPlaceBody: 'Phase Gate does not know how to show itself in module {module} ({type}).',
    noType: 'no type',
    unknownError: 'unknown error',
    unreachable: 'the app could not be reached',
  },
  de: {
    product: 'Phase Gate',
    loading: 'Phase Gate wird geladen…',
    crashed: 'Phase Gate funktioniert nicht mehr',
    reload: 'Laden Sie die Seite neu, um es noch einmal zu versuchen.',
    couldNotStart: 'Phase Gate konnte nicht starten',
    unknownPlace: 'Unbekannter Ort',
    unknownPlaceBody: 'Phase Gate weiß nicht, wie es sich im Modul {module} ({type}) zeigen soll.',
    noType: 'kein Typ',
    unknownError: 'unbekannter Fehler',
    unreachable: 'die App war nicht erreichbar',
  },
});
