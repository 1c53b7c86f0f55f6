export const home = {
  fr: {
    intro:
      "Choisissez les thèmes de l'année, participez aux groupes de travail, suivez les recommandations du conseil d'administration à l'assemblée générale, et voyez ce qu'elles sont devenues.",
  },
  nl: {
    intro:
      "Kies de thema's van het jaar, neem deel aan de werkgroepen, volg de aanbevelingen van de raad van bestuur tot de algemene vergadering, en zie wat ervan geworden is.",
  },
  de: {
    intro:
      "Wählen Sie die Themen des Jahres, arbeiten Sie in den Arbeitsgruppen mit, verfolgen Sie die Empfehlungen vom Verwaltungsrat bis zur Generalversammlung und sehen Sie, was aus ihnen geworden ist.",
  },
  en: {
    intro:
      "Choose the themes of the year, take part in the working groups, follow the recommendations from the board to the general assembly, and see what became of them.",
  },
};
