export const mail = {
  fr: {},
  nl: {},
  de: {},
  en: {},
};
