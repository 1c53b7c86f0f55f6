export const account = {
  fr: {},
  nl: {},
  de: {},
  en: {},
};
