export const board = {
  fr: {},
  nl: {},
  de: {},
  en: {},
};
