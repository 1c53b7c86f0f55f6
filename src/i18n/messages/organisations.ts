export const organisations = {
  fr: {},
  nl: {},
  de: {},
  en: {},
};
