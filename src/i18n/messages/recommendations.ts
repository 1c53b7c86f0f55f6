export const recommendations = {
  fr: {},
  nl: {},
  de: {},
  en: {},
};
