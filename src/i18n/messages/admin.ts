export const admin = {
  fr: {},
  nl: {},
  de: {},
  en: {},
};
